-- Hosted rows move from one shared table (jsonb + a global GIN index, whose upkeep dominated every load) to one table
-- per resource in schema "hosted": the row key, the load line, and a text column per other item. Comparisons and
-- indexes use the typed expressions below, which are immutable and simple enough to be inlined, so an index build or a
-- filter evaluates them at the speed of built-in functions.
create schema if not exists hosted;

-- A date item's text (always YYYY-MM-DD: checked on load) as a date.
create function hosted.as_date(t text) returns date
    language sql immutable strict parallel safe
    return make_date(substr(t, 1, 4)::int, substr(t, 6, 2)::int, substr(t, 9, 2)::int);

-- A date-time item's text (YYYY-MM-DDThh:mm[:ss[.fraction]] then an optional Z or ±hh[[:]mm] offset: checked on load)
-- as the UTC instant it names; a value without an offset is read as UTC, so the answer never depends on a session's
-- time zone. Built from immutable functions only (not strict: a strict wrapper of CASE is never inlined).
create function hosted.as_instant(t text) returns timestamp
    language sql immutable parallel safe
    return make_timestamp(
               substr(t, 1, 4)::int, substr(t, 6, 2)::int, substr(t, 9, 2)::int,
               substr(t, 12, 2)::int, substr(t, 15, 2)::int,
               case when substr(t, 17, 1) = ':'
                    then rtrim(split_part(split_part(substr(t, 18), '+', 1), '-', 1), 'Zz')::float8
                    else 0 end)
           - case when strpos(substr(t, 17), '+') + strpos(substr(t, 17), '-') = 0 then interval '0'
                  else (case when strpos(substr(t, 17), '-') > 0 then -1 else 1 end)
                       * make_interval(
                           hours => substr(replace(substr(t, 17 + strpos(substr(t, 17), '+')
                                                              + strpos(substr(t, 17), '-')), ':', ''), 1, 2)::int,
                           mins => coalesce(nullif(substr(replace(substr(t, 17 + strpos(substr(t, 17), '+')
                                                                         + strpos(substr(t, 17), '-')), ':', ''),
                                                          3, 2), '')::int, 0))
             end;

-- Move the existing rows: one table per resource, columns from the catalogue's items (the primary-key item lives in
-- _key), the primary key, and an index on each filterable item or subject identifier, named and shaped exactly as
-- io.interchange.exchange.load.HostedTable builds them.
do $$
declare
    res record;
    item record;
    tbl text;
    cols text;
    sel text;
    kind text;
    expr text;
    key_item text;
begin
    for res in
        select r.id, r.items from catalog_resource r where exists (select 1 from hosted_row h where h.resource_id = r.id)
    loop
        tbl := res.id;
        select i->>'name' into key_item
          from jsonb_array_elements(res.items) i where (i->>'primaryKey')::boolean limit 1;
        cols := '';
        sel := '';
        for item in select i->>'name' as name from jsonb_array_elements(res.items) i loop
            if item.name is distinct from key_item then
                cols := cols || ', ' || quote_ident(item.name) || ' text collate "C"';
                sel := sel || ', data->>' || quote_literal(item.name);
            end if;
        end loop;
        execute format('create table hosted.%I (_key text collate "C" not null, _line bigint%s)', tbl, cols);
        execute format('insert into hosted.%I select row_key, null%s from hosted_row where resource_id = %L',
                       tbl, sel, res.id);
        execute format('alter table hosted.%I add constraint %I primary key (_key)', tbl, tbl || '~pk');
        for item in
            select i->>'name' as name, i->>'type' as type, (i->>'length')::int as length,
                   coalesce((i->>'primaryKey')::boolean, false) as pk
              from jsonb_array_elements(res.items) i
             where coalesce((i->>'filterable')::boolean, false) or coalesce((i->>'subjectIdentifier')::boolean, false)
        loop
            kind := case when item.type in ('N', 'Y', 'I', 'F') then 'number'
                         when item.type = 'D' then 'date'
                         when item.type = 'T' then 'instant'
                         when item.type in ('C', 'L') then 'text' end;
            continue when kind is null;
            continue when item.pk and kind = 'text';
            continue when item.type = 'C' and (item.length is null or item.length > 600);
            expr := case when item.pk then '_key' else quote_ident(item.name) end;
            expr := case kind when 'number' then '(' || expr || '::numeric)'
                              when 'date' then 'hosted.as_date(' || expr || ')'
                              when 'instant' then 'hosted.as_instant(' || expr || ')'
                              else expr end;
            execute format('create index %I on hosted.%I (%s)',
                           tbl || '~' || left(md5(item.name || ':' || kind), 12), tbl, expr);
        end loop;
    end loop;
end
$$;

drop table hosted_row;
