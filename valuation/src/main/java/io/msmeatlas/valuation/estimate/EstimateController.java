package io.msmeatlas.valuation.estimate;

import io.micrometer.core.instrument.MeterRegistry;
import io.msmeatlas.schemas.listing.ListingDetails;
import io.msmeatlas.schemas.listing.ListingDetails.AnnualFinancials;
import io.msmeatlas.schemas.listing.ListingDetails.Sector;
import io.msmeatlas.valuation.ValuationProperties;
import io.msmeatlas.valuation.Violations;
import io.msmeatlas.valuation.model.CodeTables;
import io.msmeatlas.valuation.model.Estimate;
import io.msmeatlas.valuation.model.InputsReader;
import io.msmeatlas.valuation.model.Outcome;
import io.msmeatlas.valuation.model.Unusable;
import io.msmeatlas.valuation.model.Valuer;
import io.msmeatlas.web.Caller;
import io.msmeatlas.web.ProblemException;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/valuation/estimate}: a what-if valuation of figures a seller has not listed yet,
 * by the same model and rules as the worker. Stateless: nothing is stored or published. Any signed-in
 * user; {@code atlas.valuation.estimate.permits} per caller per {@code period} (429 with Retry-After
 * beyond). Invalid fields are one 422 naming each.
 */
@RestController
class EstimateController {

    static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");
    private static final int MAX_YEARS = 3;
    private static final int MAX_CITY = 80;

    private final Valuer valuer;
    private final InputsReader reader;
    private final CodeTables tables = CodeTables.current();
    private final EstimateLimiter limiter;
    private final Clock clock;

    EstimateController(Valuer valuer, InputsReader reader, ValuationProperties properties, Clock clock,
            MeterRegistry meters) {
        this.valuer = valuer;
        this.reader = reader;
        this.limiter = new EstimateLimiter(properties.estimate(), System::nanoTime, meters);
        this.clock = clock;
    }

    @PostMapping(path = "/api/valuation/estimate", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "200", description = "The estimated range",
            content = @Content(schema = @Schema(implementation = EstimateResponse.class)))
    @ApiResponse(responseCode = "422", description = "Invalid fields (`errors`), or figures that cannot be valued "
            + "(`code`).")
    @ApiResponse(responseCode = "429", description = "Over this caller's estimate budget, or the gateway's rate limit.")
    ResponseEntity<?> estimate(Caller caller, @RequestBody EstimateRequest request) {
        Duration wait = limiter.acquire(caller.userId());
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                    "Too many estimates; retry in " + seconds + " s.");
            problem.setTitle("Too many requests");
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)).body(problem);
        }
        validate(request);
        Outcome outcome = valuer.value(reader.read(details(request), null));
        if (outcome instanceof Unusable unusable) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "Cannot value these figures",
                    unusable.reason(), Map.of("code", unusable.code()));
        }
        return ResponseEntity.ok(EstimateResponse.of((Estimate) outcome));
    }

    private void validate(EstimateRequest request) {
        Violations violations = new Violations();
        int thisYear = LocalDate.now(clock.withZone(INDIA)).getYear();
        violations.required("sectorCode", request.sectorCode());
        if (request.sectorCode() != null && !request.sectorCode().isBlank() && tables.sector(request.sectorCode()).isEmpty()) {
            violations.add("sectorCode", "must be an NIC 2008 section letter A–U or one of its two-digit divisions");
        }
        violations.required("state", request.state());
        if (request.state() != null && !request.state().isBlank() && tables.state(request.state()).isEmpty()) {
            violations.add("state", "must be an Indian state or union territory");
        }
        if (request.city() != null && request.city().strip().length() > MAX_CITY) {
            violations.add("city", "must have at most " + MAX_CITY + " characters");
        }
        if (request.yearEstablished() != null && (request.yearEstablished() < 1800 || request.yearEstablished() > thisYear)) {
            violations.add("yearEstablished", "must be between 1800 and " + thisYear);
        }
        if (request.employees() != null && request.employees() < 0) {
            violations.add("employees", "must not be negative");
        }
        violations.amount("plantAndMachineryInvestment", request.plantAndMachineryInvestment(), false);
        violations.amount("assets", request.assets(), false);
        violations.amount("debt", request.debt(), false);
        validateYears(request.financials(), thisYear, violations);
        violations.throwIfAny();
    }

    private static void validateYears(List<EstimateRequest.Year> years, int thisYear, Violations violations) {
        if (years == null || years.isEmpty() || years.size() > MAX_YEARS) {
            violations.add("financials", "must have 1 to " + MAX_YEARS + " fiscal years");
            return;
        }
        Set<Integer> seen = new HashSet<>();
        EstimateRequest.Year latest = null;
        int latestIndex = -1;
        for (int i = 0; i < years.size(); i++) {
            EstimateRequest.Year year = years.get(i);
            String at = "financials[" + i + "]";
            if (year == null) {
                violations.add(at, "is required");
                continue;
            }
            if (year.fiscalYear() == null) {
                violations.add(at + ".fiscalYear", "is required");
            } else if (year.fiscalYear() < 1900 || year.fiscalYear() > thisYear) {
                violations.add(at + ".fiscalYear", "must be between 1900 and " + thisYear);
            } else if (!seen.add(year.fiscalYear())) {
                violations.add(at + ".fiscalYear", "appears twice");
            } else if (latest == null || year.fiscalYear() > latest.fiscalYear()) {
                latest = year;
                latestIndex = i;
            }
            violations.amount(at + ".revenue", year.revenue(), true);
            violations.amount(at + ".exports", year.exports(), false);
            if (year.exports() != null && year.revenue() != null && year.exports().compareTo(year.revenue()) > 0) {
                violations.add(at + ".exports", "must not exceed revenue");
            }
            violations.signedAmount(at + ".ebitda", year.ebitda());
            violations.signedAmount(at + ".sde", year.sde());
        }
        if (latest != null && latest.ebitda() == null && latest.sde() == null) {
            violations.add("financials[" + latestIndex + "].ebitda", "is required for the latest year (or sde)");
        }
    }

    private ListingDetails details(EstimateRequest request) {
        CodeTables.Sector sector = tables.sector(request.sectorCode()).orElseThrow();
        List<AnnualFinancials> years = request.financials().stream()
                .map(y -> new AnnualFinancials(y.fiscalYear(), y.revenue(), y.exports(), y.ebitda(), null, y.sde()))
                .toList();
        return new ListingDetails(null, null, null, new Sector(sector.code(), null, sector.section(), null),
                tables.state(request.state()).orElseThrow(), request.city(), request.yearEstablished(),
                request.employees(), null, request.plantAndMachineryInvestment(), years, request.assets(),
                request.debt(), null, Estimate.CURRENCY, null, null, null, null);
    }
}
