-- A tenant's own presets and its overrides of the configured defaults. A row is never deleted:
-- DELETE clears the definition (active = false, so the default applies again, or the name is gone)
-- and still increments the version, so a version number never names two different definitions
-- and a backfill can tell every outdated rendition by comparing numbers. Configured defaults
-- without a row are version 1.
create table tenant_presets (
    tenant_id  text        not null,
    name       text        not null,
    active     boolean     not null,
    width      integer,
    height     integer,
    fit        text,
    format     text,
    quality    integer,
    version    integer     not null check (version >= 1),
    updated_at timestamptz not null,
    primary key (tenant_id, name),
    check (not active or (width is not null and height is not null and fit is not null
                          and quality is not null))
);

-- The definitions resolved at upload, with their versions (a JSON array): the worker renders these,
-- so a preset added to the API's configuration or by a tenant needs no worker redeploy. Null for
-- jobs recorded before this column: the worker then resolves the names from its configuration.
alter table jobs add column preset_definitions jsonb;

-- The version of the preset each rendition was made with (1 for renditions older than versions).
alter table thumbnails add column preset_version integer not null default 1;
