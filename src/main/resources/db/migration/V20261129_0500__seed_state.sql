-- Which seed files this database has already taken in: one row per part of the seed folder, with the SHA-256 of the
-- files as they were loaded. A restart with the same files skips the seed (reading and checking 50 JSON files and
-- their rows was most of the start-up time); a changed file loads that part again, idempotently as before.
create table seed_state (
    part       varchar(40)  primary key,
    sha256     char(64)     not null,
    applied_at timestamptz  not null
);
