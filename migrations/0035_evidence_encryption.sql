-- Stored files encrypted at rest (issue 14, 密评 GB/T 39786-2021): each blob of evidence_blobs
-- (evidence and correction files alike) records how it is stored. 'none' is a blob written in
-- clear (every blob before this migration, and every blob while RONGCUO_ENCRYPTION=none);
-- 'sm4-ctr-hmac-sm3' and 'aes-256-gcm' are sealed under the key `key_id` of the key ring, with
-- their IV or nonce and their tag (src/app/blobs/cipher.ts). `sha256` and `size` stay those of
-- the plaintext (the file's identity, checked on upload and shown to users). The key itself is
-- never stored: only its id.
ALTER TABLE evidence_blobs
  ADD COLUMN alg text NOT NULL DEFAULT 'none'
    CHECK (alg IN ('none', 'sm4-ctr-hmac-sm3', 'aes-256-gcm')),
  ADD COLUMN key_id text,
  ADD COLUMN iv bytea,
  ADD COLUMN tag bytea;
ALTER TABLE evidence_blobs ADD CONSTRAINT evidence_blobs_sealed CHECK (
  (alg = 'none' AND key_id IS NULL AND iv IS NULL AND tag IS NULL)
  OR (alg <> 'none' AND key_id IS NOT NULL AND iv IS NOT NULL AND tag IS NOT NULL)
);
