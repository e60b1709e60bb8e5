package io.msmeatlas.valuation.estimate;

import java.math.BigDecimal;
import java.util.List;

/**
 * A prospective seller's what-if: the figures a listing would give, nothing stored. Money is a
 * decimal in rupees, as a JSON string or number; {@code financials} are 1 to 3 fiscal years
 * ({@code fiscalYear} = the year it ends in) in any order.
 */
record EstimateRequest(String sectorCode, String state, String city, Integer yearEstablished, Integer employees,
        BigDecimal plantAndMachineryInvestment, List<Year> financials, BigDecimal assets, BigDecimal debt) {

    record Year(Integer fiscalYear, BigDecimal revenue, BigDecimal exports, BigDecimal ebitda, BigDecimal sde) {
    }
}
