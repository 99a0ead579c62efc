-- The ThumbHash placeholder of a job's smallest rendition (base64 of about 25 bytes), shown by
-- clients while a thumbnail loads. Null for jobs rendered before it existed and for failed jobs.
alter table jobs add column thumbhash text;
