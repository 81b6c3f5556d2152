-- Issue 11 item 6: the unblock response goes only to the assistant that asked for it. At request time the
-- assistant makes a random secret and sends its SHA-256; the response is given only for the secret
-- (POST /api/v1/unlock-requests/{id}/response), never on GET or a staff page. Requests filed before have no hash
-- and never give a response: the employer asks again.
ALTER TABLE unlock_request ADD COLUMN response_key_sha256 BYTEA CHECK (octet_length(response_key_sha256) = 32);
