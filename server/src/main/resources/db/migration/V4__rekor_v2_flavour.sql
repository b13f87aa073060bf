-- A Rekor v2 log (issue 16) is one more tree in the service, of its own flavour: its own index
-- space (virtual_offset 0), origin (its host name), key and tile address, and the one-active rule
-- of V2 holds for it apart from the Rekor v1 shards. Its entries live in their own partition like
-- any tree's.
ALTER TABLE trees DROP CONSTRAINT trees_flavour_check;
ALTER TABLE trees ADD CONSTRAINT trees_flavour_check CHECK (flavour IN ('rekor_v1', 'rekor_v2'));
