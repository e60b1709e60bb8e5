package io.msmeatlas.schemas.buyer;

/**
 * Who is buying: an individual (often an owner-operator), a strategic buyer (a business in or near
 * the sector) or a financial buyer (an investor after returns).
 */
public enum BuyerType {
    INDIVIDUAL, STRATEGIC, FINANCIAL
}
