package io.msmeatlas.listings.listing;

import io.msmeatlas.schemas.listing.ListingDetails;
import io.msmeatlas.schemas.listing.ListingDetails.AnnualFinancials;
import io.msmeatlas.schemas.listing.ListingDetails.Contact;
import io.msmeatlas.schemas.listing.ListingDetails.Sector;
import io.msmeatlas.schemas.listing.UdyamClassification;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What complete, valid listing details are. Pure: the controller checks a request with it (naming
 * every violation at once), and the aggregate checks the details it is about to record with it, so
 * no path around the controller records invalid details. Violations name fields by the request's
 * JSON path ({@code sectorCode}, {@code contact.email}, {@code financials[1].revenue}).
 */
final class ListingRules {

    static final String CURRENCY = "INR";
    static final String NOT_AN_MSME = "exceeds the Udyam medium limit: not an MSME";

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]+$");
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()-]{7,20}$");
    private static final int MAX_INTEGER_DIGITS = 15;
    private static final int MAX_DECIMALS = 2;

    private ListingRules() {
    }

    /** Every rule, on complete details. */
    static List<FieldViolation> violations(ListingDetails details, LocalDate today) {
        return violations(details, today, field -> true);
    }

    /** The rules of the top-level request fields {@code checked} accepts (a PATCH checks what it sets). */
    static List<FieldViolation> violations(ListingDetails d, LocalDate today, Predicate<String> checked) {
        List<FieldViolation> v = new ArrayList<>();
        if (checked.test("title")) {
            requiredText(v, "title", d.title(), 140);
        }
        if (checked.test("legalName")) {
            requiredText(v, "legalName", d.legalName(), 200);
        }
        if (checked.test("contact")) {
            contact(v, d.contact());
        }
        if (checked.test("sectorCode")) {
            sector(v, d.sector());
        }
        if (checked.test("state")) {
            if (blank(d.state())) {
                v.add(new FieldViolation("state", "is required"));
            } else if (!IndianStates.isCanonical(d.state())) {
                v.add(new FieldViolation("state", "must be one of India's states or union territories"));
            }
        }
        if (checked.test("city")) {
            requiredText(v, "city", d.city(), 80);
        }
        if (checked.test("yearEstablished") && d.yearEstablished() != null
                && (d.yearEstablished() < 1800 || d.yearEstablished() > today.getYear())) {
            v.add(new FieldViolation("yearEstablished", "must be between 1800 and " + today.getYear()));
        }
        if (checked.test("employees") && d.employees() != null && d.employees() < 0) {
            v.add(new FieldViolation("employees", "must be zero or more"));
        }
        if (checked.test("plantAndMachineryInvestment")) {
            money(v, "plantAndMachineryInvestment", d.plantAndMachineryInvestment(), true, Sign.NOT_NEGATIVE);
        }
        if (checked.test("financials")) {
            financials(v, d.financials(), today);
        }
        if (checked.test("assets")) {
            money(v, "assets", d.assets(), false, Sign.NOT_NEGATIVE);
        }
        if (checked.test("debt")) {
            money(v, "debt", d.debt(), false, Sign.NOT_NEGATIVE);
        }
        if (checked.test("askingPrice")) {
            money(v, "askingPrice", d.askingPrice(), true, Sign.POSITIVE);
        }
        if (checked.test("currency")) {
            if (blank(d.currency())) {
                v.add(new FieldViolation("currency", "is required"));
            } else if (!CURRENCY.equals(d.currency())) {
                v.add(new FieldViolation("currency", "must be INR: Udyam limits and Indian listings are in rupees"));
            }
        }
        if (checked.test("dealType") && d.dealType() == null) {
            v.add(new FieldViolation("dealType", "is required"));
        }
        if (checked.test("reasonForSale")) {
            maxLength(v, "reasonForSale", d.reasonForSale(), 1000);
        }
        if (checked.test("highlights")) {
            highlights(v, d.highlights());
        }
        if (checked.test("description")) {
            maxLength(v, "description", d.description(), 5000);
        }
        return v;
    }

    /** The details as stored: financials most recent first. */
    static ListingDetails normalized(ListingDetails d) {
        List<AnnualFinancials> mostRecentFirst = d.financials().stream()
                .sorted(Comparator.comparing(AnnualFinancials::fiscalYear, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
        return new ListingDetails(d.title(), d.legalName(), d.contact(), d.sector(), d.state(), d.city(),
                d.yearEstablished(), d.employees(), d.legalStructure(), d.plantAndMachineryInvestment(),
                mostRecentFirst, d.assets(), d.debt(), d.askingPrice(), d.currency(), d.dealType(), d.reasonForSale(),
                d.highlights(), d.description());
    }

    /**
     * The Udyam classification of valid details on {@code today}: investment in plant and machinery,
     * turnover = the latest fiscal year's revenue less exports.
     *
     * @throws InvalidListing naming the investment or the latest year's revenue when beyond the medium limit
     */
    static UdyamClassification classify(ListingDetails d, LocalDate today) {
        int latest = 0;
        for (int i = 1; i < d.financials().size(); i++) {
            if (d.financials().get(i).fiscalYear() > d.financials().get(latest).fiscalYear()) {
                latest = i;
            }
        }
        AnnualFinancials year = d.financials().get(latest);
        BigDecimal turnover = year.revenue().subtract(year.exports() == null ? BigDecimal.ZERO : year.exports());
        try {
            return UdyamClassifier.classify(d.plantAndMachineryInvestment(), turnover, today);
        } catch (UdyamClassifier.NotAnMsme e) {
            List<FieldViolation> v = new ArrayList<>();
            if (e.exceeded().contains(UdyamClassifier.Criterion.INVESTMENT)) {
                v.add(new FieldViolation("plantAndMachineryInvestment", NOT_AN_MSME));
            }
            if (e.exceeded().contains(UdyamClassifier.Criterion.TURNOVER)) {
                v.add(new FieldViolation("financials[" + latest + "].revenue", NOT_AN_MSME));
            }
            throw new InvalidListing(v);
        }
    }

    /** The fiscal year (April to March) today falls in, named by the year it ends in. */
    static int currentFiscalYear(LocalDate today) {
        return today.getMonth().compareTo(Month.APRIL) >= 0 ? today.getYear() + 1 : today.getYear();
    }

    private static void contact(List<FieldViolation> v, Contact contact) {
        if (contact == null) {
            v.add(new FieldViolation("contact", "is required"));
            return;
        }
        requiredText(v, "contact.name", contact.name(), 120);
        if (blank(contact.email())) {
            v.add(new FieldViolation("contact.email", "is required"));
        } else if (contact.email().length() > 254 || !EMAIL.matcher(contact.email()).matches()) {
            v.add(new FieldViolation("contact.email", "must be an email address"));
        }
        if (contact.phone() != null && !PHONE.matcher(contact.phone()).matches()) {
            v.add(new FieldViolation("contact.phone", "must be 7 to 20 digits, spaces, brackets or dashes, optionally after +"));
        }
    }

    private static void sector(List<FieldViolation> v, Sector sector) {
        if (sector == null || blank(sector.code())) {
            v.add(new FieldViolation("sectorCode", "is required"));
        } else if (!Nic2008.sector(sector.code()).filter(sector::equals).isPresent()) {
            v.add(new FieldViolation("sectorCode",
                    "must be an NIC 2008 section letter (A-U) or two-digit division (01-99)"));
        }
    }

    private static void financials(List<FieldViolation> v, List<AnnualFinancials> financials, LocalDate today) {
        if (financials.isEmpty()) {
            v.add(new FieldViolation("financials", "must have 1 to 3 fiscal years"));
            return;
        }
        if (financials.size() > 3) {
            v.add(new FieldViolation("financials", "must have 1 to 3 fiscal years"));
        }
        int currentFiscalYear = currentFiscalYear(today);
        Set<Integer> years = new HashSet<>();
        for (int i = 0; i < financials.size(); i++) {
            String path = "financials[" + i + "]";
            AnnualFinancials year = financials.get(i);
            if (year == null) {
                v.add(new FieldViolation(path, "must not be null"));
                continue;
            }
            if (year.fiscalYear() == null) {
                v.add(new FieldViolation(path + ".fiscalYear", "is required"));
            } else if (year.fiscalYear() < 1900 || year.fiscalYear() > currentFiscalYear) {
                v.add(new FieldViolation(path + ".fiscalYear", "must be between 1900 and the current fiscal year, "
                        + currentFiscalYear + " (the year it ends in)"));
            } else if (!years.add(year.fiscalYear())) {
                v.add(new FieldViolation(path + ".fiscalYear", "must differ from the other years'"));
            }
            boolean revenueValid = money(v, path + ".revenue", year.revenue(), true, Sign.NOT_NEGATIVE);
            if (money(v, path + ".exports", year.exports(), false, Sign.NOT_NEGATIVE) && revenueValid
                    && year.exports() != null && year.exports().compareTo(year.revenue()) > 0) {
                v.add(new FieldViolation(path + ".exports", "must not exceed revenue"));
            }
            money(v, path + ".ebitda", year.ebitda(), false, Sign.ANY);
            money(v, path + ".netProfit", year.netProfit(), false, Sign.ANY);
            money(v, path + ".sde", year.sde(), false, Sign.ANY);
        }
    }

    private static void highlights(List<FieldViolation> v, List<String> highlights) {
        if (highlights.size() > 10) {
            v.add(new FieldViolation("highlights", "must have at most 10 items"));
        }
        for (int i = 0; i < highlights.size(); i++) {
            String highlight = highlights.get(i);
            if (blank(highlight) || highlight.length() > 200) {
                v.add(new FieldViolation("highlights[" + i + "]", "must have 1 to 200 characters"));
            }
        }
    }

    private enum Sign {
        ANY, NOT_NEGATIVE, POSITIVE
    }

    /** Returns whether the amount is present and valid. */
    private static boolean money(List<FieldViolation> v, String field, BigDecimal amount, boolean required, Sign sign) {
        if (amount == null) {
            if (required) {
                v.add(new FieldViolation(field, "is required"));
            }
            return false;
        }
        if (amount.scale() > MAX_DECIMALS || amount.precision() - amount.scale() > MAX_INTEGER_DIGITS) {
            v.add(new FieldViolation(field, "must have at most 15 integer digits and 2 decimals"));
            return false;
        }
        if (sign == Sign.NOT_NEGATIVE && amount.signum() < 0) {
            v.add(new FieldViolation(field, "must be zero or more"));
            return false;
        }
        if (sign == Sign.POSITIVE && amount.signum() <= 0) {
            v.add(new FieldViolation(field, "must be more than zero"));
            return false;
        }
        return true;
    }

    private static void requiredText(List<FieldViolation> v, String field, String value, int maxLength) {
        if (blank(value)) {
            v.add(new FieldViolation(field, "is required"));
        } else {
            maxLength(v, field, value, maxLength);
        }
    }

    private static void maxLength(List<FieldViolation> v, String field, String value, int maxLength) {
        if (value != null && value.length() > maxLength) {
            v.add(new FieldViolation(field, "must have at most " + maxLength + " characters"));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
