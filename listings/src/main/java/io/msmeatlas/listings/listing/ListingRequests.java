package io.msmeatlas.listings.listing;

import io.msmeatlas.schemas.listing.ListingDetails;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * Request bodies of the listing commands. Money is a decimal in the currency's major unit, as a
 * JSON string ("2500000.50") or number; it is read exactly (never through a double), at most two
 * decimal places.
 */
final class ListingRequests {

    private ListingRequests() {
    }

    record Draft(
            @NotBlank @Size(max = 140) String title,
            @NotBlank @Size(max = 80) String sector,
            @NotBlank @Size(max = 80) String city,
            @NotBlank @Size(max = 80) String state,
            @Min(1800) @Max(2100) Integer yearEstablished,
            @PositiveOrZero @Max(10_000_000) Integer employees,
            @PositiveOrZero @Digits(integer = 15, fraction = 2) BigDecimal annualRevenue,
            @Digits(integer = 15, fraction = 2) BigDecimal ebitda,
            @NotNull @Positive @Digits(integer = 15, fraction = 2) BigDecimal askingPrice,
            @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as INR") String currency,
            @Size(max = 5000) String description) {

        ListingDetails toDetails() {
            return new ListingDetails(title.strip(), sector.strip(), city.strip(), state.strip(), yearEstablished,
                    employees, annualRevenue, ebitda, askingPrice, currency, description);
        }
    }

    /** Every field optional: an absent or null field keeps its value. */
    record Update(
            @Size(min = 1, max = 140) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String title,
            @Size(min = 1, max = 80) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String sector,
            @Size(min = 1, max = 80) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String city,
            @Size(min = 1, max = 80) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String state,
            @Min(1800) @Max(2100) Integer yearEstablished,
            @PositiveOrZero @Max(10_000_000) Integer employees,
            @PositiveOrZero @Digits(integer = 15, fraction = 2) BigDecimal annualRevenue,
            @Digits(integer = 15, fraction = 2) BigDecimal ebitda,
            @Positive @Digits(integer = 15, fraction = 2) BigDecimal askingPrice,
            @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as INR") String currency,
            @Size(max = 5000) String description) {

        ListingDetails toChanges() {
            return new ListingDetails(strip(title), strip(sector), strip(city), strip(state), yearEstablished,
                    employees, annualRevenue, ebitda, askingPrice, currency, description);
        }

        boolean isEmpty() {
            return toChanges().equals(new ListingDetails(null, null, null, null, null, null, null, null, null,
                    null, null));
        }

        private static String strip(String value) {
            return value == null ? null : value.strip();
        }
    }

    record Withdraw(@Size(max = 500) String reason) {
    }

    /** What every command returns: the listing and its version after the command. */
    record Accepted(String id, long version) {
    }
}
