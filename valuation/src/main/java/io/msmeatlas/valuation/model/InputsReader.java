package io.msmeatlas.valuation.model;

import io.msmeatlas.schemas.listing.ListingDetails;
import io.msmeatlas.schemas.listing.ListingDetails.AnnualFinancials;
import io.msmeatlas.schemas.listing.UdyamClassification;
import io.msmeatlas.schemas.listing.UdyamClassification.Category;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Reads a listing's details into {@link ValuationInputs}, or says why they cannot be valued. Pure:
 * the same details always give the same inputs and the same hash.
 *
 * <p>The inputs hash is the SHA-256 of a canonical text of what the valuation uses: the encodings
 * version, the sector code, state and city, the Udyam category, every fiscal year's revenue and
 * earnings, year established, employees, assets and debt, amounts without trailing zeros (100 and
 * 100.00 are the same input). Fields the valuation ignores (title, asking price...) are not in it.
 */
public final class InputsReader {

    private final CodeTables tables;

    public InputsReader(CodeTables tables) {
        this.tables = tables;
    }

    public ReadResult read(ListingDetails details, UdyamClassification classification) {
        if (details.currency() != null && !"INR".equals(details.currency())) {
            return new Unusable(Unusable.NOT_INR, "Valuations are in rupees; the listing is in " + details.currency() + ".");
        }
        String code = details.sector() == null ? null : details.sector().code();
        Optional<CodeTables.Sector> sector = tables.sector(code);
        if (sector.isEmpty()) {
            return new Unusable(Unusable.UNKNOWN_SECTOR, code == null
                    ? "The listing names its sector without an NIC 2008 code; set the sector code."
                    : "The sector code " + code + " is not an NIC 2008 section or division.");
        }
        Optional<Integer> tier = tables.locationTier(details.state(), details.city());
        if (tier.isEmpty()) {
            return new Unusable(Unusable.UNKNOWN_STATE, "The state '" + details.state()
                    + "' is not an Indian state or union territory.");
        }
        List<AnnualFinancials> years = details.financials().stream()
                .sorted(Comparator.comparing(AnnualFinancials::fiscalYear, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
        if (years.isEmpty()) {
            return new Unusable(Unusable.NO_FINANCIALS, "The listing has no financial years.");
        }
        AnnualFinancials latest = years.get(0);
        if (latest.revenue() == null) {
            return new Unusable(Unusable.NO_REVENUE, "The latest fiscal year has no revenue.");
        }
        BigDecimal earnings = latest.ebitda() != null ? latest.ebitda() : latest.sde();
        if (earnings == null) {
            return new Unusable(Unusable.NO_EARNINGS, "The latest fiscal year has neither EBITDA nor SDE.");
        }
        if (latest.revenue().signum() <= 0 && earnings.signum() <= 0) {
            return new Unusable(Unusable.NO_REVENUE, "The latest fiscal year has neither revenue nor positive earnings.");
        }
        EarningsKind kind = latest.ebitda() != null ? EarningsKind.EBITDA : EarningsKind.SDE;
        Category category = classification != null ? classification.category()
                : UdyamCategories.of(details.plantAndMachineryInvestment(), turnover(latest));
        Integer yearsInOperation = details.yearEstablished() == null || latest.fiscalYear() == null ? null
                : Math.max(0, latest.fiscalYear() - details.yearEstablished());
        String state = tables.state(details.state()).orElseThrow();
        String city = details.city() == null ? null : details.city().strip();
        String canonical = canonical(sector.get(), state, city, category, years, details);
        return new ValuationInputs(sector.get().code(), sector.get().section(), sector.get().group(), state, city,
                tier.get(), category, latest.fiscalYear(), latest.revenue(), earnings, kind, growth(years),
                yearsInOperation, details.employees(), details.assets(), details.debt(), sha256(canonical));
    }

    private static BigDecimal turnover(AnnualFinancials year) {
        return year.exports() == null ? year.revenue() : year.revenue().subtract(year.exports());
    }

    /** Compound annual revenue growth from the oldest to the latest year given; null with one year or none positive. */
    private static Double growth(List<AnnualFinancials> newestFirst) {
        AnnualFinancials latest = newestFirst.get(0);
        AnnualFinancials oldest = newestFirst.get(newestFirst.size() - 1);
        if (latest.fiscalYear() == null || oldest.fiscalYear() == null || oldest.revenue() == null
                || oldest.revenue().signum() <= 0 || latest.revenue().signum() <= 0) {
            return null;
        }
        int span = latest.fiscalYear() - oldest.fiscalYear();
        if (span <= 0) {
            return null;
        }
        double ratio = latest.revenue().doubleValue() / oldest.revenue().doubleValue();
        return StrictMath.pow(ratio, 1.0 / span) - 1;
    }

    private String canonical(CodeTables.Sector sector, String state, String city, Category category,
            List<AnnualFinancials> years, ListingDetails details) {
        StringJoiner text = new StringJoiner(";");
        text.add("encodings=" + tables.version());
        text.add("sector=" + sector.code());
        text.add("state=" + state);
        text.add("city=" + (city == null ? "" : city.toLowerCase(java.util.Locale.ROOT)));
        text.add("udyam=" + category);
        for (AnnualFinancials year : years) {
            text.add("year=" + year.fiscalYear() + ":" + amount(year.revenue()) + ":" + amount(year.ebitda()) + ":"
                    + amount(year.sde()) + ":" + amount(year.exports()));
        }
        text.add("established=" + (details.yearEstablished() == null ? "" : details.yearEstablished()));
        text.add("employees=" + (details.employees() == null ? "" : details.employees()));
        text.add("investment=" + amount(details.plantAndMachineryInvestment()));
        text.add("assets=" + amount(details.assets()));
        text.add("debt=" + amount(details.debt()));
        return text.toString();
    }

    private static String amount(BigDecimal amount) {
        return amount == null ? "" : amount.stripTrailingZeros().toPlainString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
