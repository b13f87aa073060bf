-- Placeholder replaced by the log schema.
SELECT 1;
