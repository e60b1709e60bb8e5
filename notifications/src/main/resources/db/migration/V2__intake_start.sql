-- Events from before this service first started fill its directories (listing owners, recipients) but
-- notify nobody: a new deployment reads the topics from the beginning without sending years of
-- notifications and emails.
create table intake_state (
    notify_from timestamptz not null
);
insert into intake_state (notify_from) values (now());
