-- While a renewal waits to be verified, the last day the evidence it replaces is valid: the
-- volunteer stays eligible until then.
ALTER TABLE checks ADD COLUMN verified_through TEXT;
