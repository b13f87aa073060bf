package dev.waxseal.server.storage;

/**
 * A row of {@code search_keys}: one lower-cased key pointing at one entry.
 *
 * @param key the search key
 * @param index the entry's leaf index
 */
public record SearchKeyRow(String key, long index) {}
