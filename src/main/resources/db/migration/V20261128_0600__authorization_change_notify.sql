-- Each node caches what authorises an exchange (grants, catalogue entries). Any committed change of either is
-- announced on channel interchange_authz with the resource id as payload; PostgreSQL delivers it at commit to every
-- node's LISTEN connection (platform/AuthorizationChanges). A trigger rather than application code, so that changes
-- made by plain SQL (the expiry job's conditional update, an operator's fix) are announced too.

create function interchange_grant_changed() returns trigger language plpgsql as $$
begin
    if tg_op <> 'INSERT' then
        perform pg_notify('interchange_authz', old.resource_id);
    end if;
    if tg_op <> 'DELETE' and (tg_op = 'INSERT' or new.resource_id is distinct from old.resource_id) then
        perform pg_notify('interchange_authz', new.resource_id);
    end if;
    return null;
end
$$;

create trigger access_grant_changed after insert or update or delete on access_grant
    for each row execute function interchange_grant_changed();

-- A new resource has nothing cached yet; its updates (publish, retire, new definition, sharing) and removal matter.
create function interchange_resource_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('interchange_authz', old.id);
    return null;
end
$$;

create trigger catalog_resource_changed after update or delete on catalog_resource
    for each row execute function interchange_resource_changed();
