/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.offset;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The offset map of one record of a pass: the pass's entries, the same for every row and built once per batch,
 * plus the row's own position under {@code lastKey}, encoded ({@link KeyCodec}) only when read. Connect keeps the
 * offset of every record until it is acknowledged but serializes only the latest per partition at each commit, so
 * most of these maps are never read: a record costs one small object instead of a copied hash map and an encoded
 * string. Immutable; equal to the plain map of the same entries.
 */
final class RowOffsetMap extends AbstractMap<String, Object> {
    private final Map<String, Object> pass;
    private final String lastKey;
    private final List<String> last;
    private String encoded;

    /**
     * The entries of {@code pass} (an unmodifiable map without {@code lastKey}, shared by the pass's records) and the
     * position {@code last} (null for none) under {@code lastKey}.
     */
    RowOffsetMap(Map<String, Object> pass, String lastKey, List<String> last) {
        this.pass = pass;
        this.lastKey = lastKey;
        this.last = last;
    }

    private String encoded() {
        String value = encoded;
        if (value == null) {
            value = KeyCodec.encode(last);
            encoded = value;
        }
        return value;
    }

    @Override
    public Object get(Object key) {
        return last != null && lastKey.equals(key) ? encoded() : pass.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return last != null && lastKey.equals(key) || pass.containsKey(key);
    }

    @Override
    public int size() {
        return pass.size() + (last == null ? 0 : 1);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                Iterator<Entry<String, Object>> entries = pass.entrySet().iterator();
                return new Iterator<>() {
                    private boolean lastDone = last == null;

                    @Override
                    public boolean hasNext() {
                        return entries.hasNext() || !lastDone;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (entries.hasNext()) {
                            return new SimpleImmutableEntry<>(entries.next());
                        }
                        if (lastDone) {
                            throw new NoSuchElementException();
                        }
                        lastDone = true;
                        return new SimpleImmutableEntry<>(lastKey, encoded());
                    }
                };
            }

            @Override
            public int size() {
                return RowOffsetMap.this.size();
            }
        };
    }
}
