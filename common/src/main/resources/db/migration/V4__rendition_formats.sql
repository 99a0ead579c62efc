-- Output formats (issue 13): an upload may ask for extra encodings of every preset
-- (formats=webp,avif). The job keeps what was asked, so that a retry or a re-announcement renders
-- the same; old jobs asked for none.
alter table jobs add column formats text[] not null default '{}';

-- One row per stored rendition: a preset may now be stored once per format. 'alternate' is false
-- for the preset's own format (what GET /v1/jobs/{id}/thumbnails/{preset} answers without a better
-- Accept) and true for an extra encoding; every row written before this migration is the former.
alter table thumbnails add column alternate boolean not null default false;
alter table thumbnails drop constraint thumbnails_pkey;
alter table thumbnails add primary key (job_id, preset, content_type);
