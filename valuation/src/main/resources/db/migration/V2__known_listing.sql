-- What the valuation service knows of each listing from msme.listing.events: its seller and status
-- (who may read its valuations) and the listing version last valued (so the worker skips versions
-- already valued without scoring them; the Valuation aggregate in the event store decides).
create table known_listing (
    listing_id     varchar(255) not null primary key,
    seller_id      varchar(255),
    status         varchar(32),
    -- ce_sequence of the last listing event applied: older or repeated events change nothing
    sequence       bigint       not null,
    valued_version bigint
);
