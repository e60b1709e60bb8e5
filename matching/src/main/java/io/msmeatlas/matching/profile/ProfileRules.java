package io.msmeatlas.matching.profile;

import io.msmeatlas.matching.reference.IndianStates;
import io.msmeatlas.matching.reference.Nic2008;
import io.msmeatlas.matching.web.FieldViolation;
import io.msmeatlas.matching.web.InvalidRequest;
import io.msmeatlas.schemas.buyer.BuyerContact;
import io.msmeatlas.schemas.buyer.BuyerCriteria;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The rules a buyer profile must meet (matching/README.md has the table). Every violation is reported
 * at once, each naming its field by JSON path; a valid profile comes back tidied.
 */
final class ProfileRules {

    static final int MAX_NAME = 120;
    static final int MAX_SECTORS = 30;
    static final int MAX_CITIES = 30;
    static final int MAX_CITY = 80;
    private static final int MAX_INTEGER_DIGITS = 15;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()-]{7,20}$");

    private ProfileRules() {
    }

    /** The tidied profile, or {@link InvalidRequest} naming every invalid field. */
    static ValidProfile validate(ProfileForm form) {
        List<FieldViolation> violations = new ArrayList<>();
        String name = text(form.name(), "name", MAX_NAME, true, violations);
        BuyerCriteria criteria = criteria(form.criteria(), violations);
        BuyerContact contact = contact(form.contact(), violations);
        InvalidRequest.check(violations);
        return new ValidProfile(name, criteria, contact);
    }

    private static BuyerCriteria criteria(ProfileForm.Criteria form, List<FieldViolation> violations) {
        if (form == null) {
            violations.add(new FieldViolation("criteria", "is required"));
            return null;
        }
        List<String> sectors = distinct(form.sectors(), "criteria.sectors", MAX_SECTORS, violations,
                code -> Nic2008.code(code).map(Nic2008.Code::code), "is not an NIC 2008 section (A-U) or division");
        List<String> states = distinct(form.states(), "criteria.states", IndianStates.all().size(), violations,
                IndianStates::canonical, "is not an Indian state or union territory");
        List<String> cities = distinct(form.cities(), "criteria.cities", MAX_CITIES, violations,
                city -> city.isBlank() || city.strip().length() > MAX_CITY
                        ? Optional.empty() : Optional.of(city.strip().replaceAll("\\s+", " ")),
                "must be 1 to " + MAX_CITY + " characters");
        BigDecimal budgetMin = money(form.budgetMin(), "criteria.budgetMin", false, violations);
        BigDecimal budgetMax = money(form.budgetMax(), "criteria.budgetMax", false, violations);
        if (form.budgetMax() == null) {
            violations.add(new FieldViolation("criteria.budgetMax", "is required"));
        } else if (budgetMax != null && budgetMax.signum() == 0) {
            violations.add(new FieldViolation("criteria.budgetMax", "must be more than 0"));
        }
        BigDecimal revenueMin = money(form.revenueMin(), "criteria.revenueMin", false, violations);
        BigDecimal revenueMax = money(form.revenueMax(), "criteria.revenueMax", false, violations);
        BigDecimal ebitdaMin = money(form.ebitdaMin(), "criteria.ebitdaMin", true, violations);
        BigDecimal ebitdaMax = money(form.ebitdaMax(), "criteria.ebitdaMax", true, violations);
        ordered(budgetMin, budgetMax, "criteria.budgetMin", "budgetMax", violations);
        ordered(revenueMin, revenueMax, "criteria.revenueMin", "revenueMax", violations);
        ordered(ebitdaMin, ebitdaMax, "criteria.ebitdaMin", "ebitdaMax", violations);
        noNulls(form.classifications(), "criteria.classifications", violations);
        noNulls(form.dealTypes(), "criteria.dealTypes", violations);
        return new BuyerCriteria(sectors, states, cities, budgetMin, budgetMax, revenueMin, revenueMax, ebitdaMin,
                ebitdaMax, distinctValues(form.classifications()), distinctValues(form.dealTypes()), form.buyerType());
    }

    private static BuyerContact contact(ProfileForm.Contact form, List<FieldViolation> violations) {
        if (form == null) {
            violations.add(new FieldViolation("contact", "is required"));
            return null;
        }
        String name = text(form.name(), "contact.name", 120, true, violations);
        String email = text(form.email(), "contact.email", 254, true, violations);
        if (email != null && !EMAIL.matcher(email).matches()) {
            violations.add(new FieldViolation("contact.email", "is not an email address"));
        }
        String phone = text(form.phone(), "contact.phone", 20, false, violations);
        if (phone != null && !PHONE.matcher(phone).matches()) {
            violations.add(new FieldViolation("contact.phone", "must be digits, spaces, ( ) and -, with an optional +"));
        }
        return new BuyerContact(name, email, phone);
    }

    private static String text(String value, String field, int max, boolean required, List<FieldViolation> violations) {
        String stripped = value == null ? null : value.strip();
        if (stripped == null || stripped.isEmpty()) {
            if (required) {
                violations.add(new FieldViolation(field, "is required"));
            }
            return null;
        }
        if (stripped.length() > max) {
            violations.add(new FieldViolation(field, "must have at most " + max + " characters"));
        }
        return stripped;
    }

    /** Each entry normalised (empty: invalid, named by its index), duplicates after normalising dropped. */
    private static List<String> distinct(List<String> values, String field, int max, List<FieldViolation> violations,
            Function<String, Optional<String>> normalise, String invalid) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > max) {
            violations.add(new FieldViolation(field, "must have at most " + max + " entries"));
        }
        Set<String> result = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            Optional<String> normalised = value == null ? Optional.empty() : normalise.apply(value);
            if (normalised.isEmpty()) {
                violations.add(new FieldViolation(field + "[" + i + "]", invalid));
            } else {
                result.add(normalised.get());
            }
        }
        return List.copyOf(result);
    }

    private static <T> void noNulls(List<T> values, String field, List<FieldViolation> violations) {
        if (values != null && values.stream().anyMatch(Objects::isNull)) {
            violations.add(new FieldViolation(field, "must not contain null"));
        }
    }

    private static <T> List<T> distinctValues(List<T> values) {
        return values == null ? List.of() : values.stream().filter(Objects::nonNull).distinct().toList();
    }

    /** At most 15 integer digits and 2 decimals, like every amount on the platform; signed only where it may be. */
    private static BigDecimal money(BigDecimal value, String field, boolean signed, List<FieldViolation> violations) {
        if (value == null) {
            return null;
        }
        if (!signed && value.signum() < 0) {
            violations.add(new FieldViolation(field, "must not be negative"));
            return null;
        }
        BigDecimal tidy = value.stripTrailingZeros();
        if (tidy.scale() > 2 || tidy.precision() - tidy.scale() > MAX_INTEGER_DIGITS) {
            violations.add(new FieldViolation(field, "must have at most " + MAX_INTEGER_DIGITS
                    + " digits before the point and 2 after"));
            return null;
        }
        return value;
    }

    private static void ordered(BigDecimal min, BigDecimal max, String minField, String maxName,
            List<FieldViolation> violations) {
        if (min != null && max != null && min.compareTo(max) > 0) {
            violations.add(new FieldViolation(minField, "must not be more than " + maxName));
        }
    }
}
