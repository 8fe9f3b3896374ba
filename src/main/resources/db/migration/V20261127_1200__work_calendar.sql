-- The working-day calendar as data: one row per year, loaded from the seed files for years not yet here and
-- replaced through PUT /api/v1/calendar/{year}. Dates are ISO strings (YYYY-MM-DD), sorted.
create table work_calendar (
    year        integer      primary key check (year between 1900 and 9999),
    holidays    jsonb        not null,
    workdays    jsonb        not null,
    updated_by  varchar(200) not null,
    updated_at  timestamptz  not null
);
