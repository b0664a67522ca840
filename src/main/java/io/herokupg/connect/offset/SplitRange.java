/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.offset;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One range of a split load: which load (its start, epoch ms), which range, and the load's cuts, the values of the
 * leading primary-key column between ranges (range {@code i} holds the keys from cut {@code i-1}, inclusive, to cut
 * {@code i}, exclusive; the first and last are open). A range's stored position carries it, so that the position is
 * known to be of that range of that load, and the load's ranges can be rebuilt from any one of them.
 *
 * <p>Map form: {@code "split_load": <epoch ms>}, {@code "split_index": <i>}, {@code "split_cuts"} ({@link KeyCodec};
 * absent when there is none).
 */
public record SplitRange(long load, int index, List<String> cuts) {
    private static final String LOAD = "split_load";
    private static final String INDEX = "split_index";
    private static final String CUTS = "split_cuts";

    public SplitRange {
        cuts = List.copyOf(cuts);
        if (index < 0 || index > cuts.size()) {
            throw new IllegalArgumentException("range " + index + " of " + (cuts.size() + 1));
        }
    }

    /** How many ranges the load has. */
    public int ranges() {
        return cuts.size() + 1;
    }

    /** The range's lowest key (inclusive), unless it is the first. */
    public Optional<String> lower() {
        return index == 0 ? Optional.empty() : Optional.of(cuts.get(index - 1));
    }

    /** The key above the range (exclusive), unless it is the last. */
    public Optional<String> upper() {
        return index == cuts.size() ? Optional.empty() : Optional.of(cuts.get(index));
    }

    /** Another range of the same load. */
    public SplitRange other(int otherIndex) {
        return new SplitRange(load, otherIndex, cuts);
    }

    void putInto(Map<String, Object> map) {
        map.put(LOAD, load);
        map.put(INDEX, (long) index);
        if (!cuts.isEmpty()) {
            map.put(CUTS, KeyCodec.encode(cuts));
        }
    }

    static Optional<SplitRange> fromMap(Map<String, ?> map) {
        if (map.get(LOAD) == null) {
            return Optional.empty();
        }
        List<String> cuts = OffsetMaps.optionalString(map, CUTS).map(encoded -> KeyCodec.decode(CUTS, encoded))
            .orElse(List.of());
        long index = OffsetMaps.requireLong(map, INDEX);
        if (index < 0 || index > cuts.size()) {
            throw new IllegalArgumentException("\"" + INDEX + "\" is " + index + ", and the load has " + (cuts.size()
                + 1) + " range(s)");
        }
        return Optional.of(new SplitRange(OffsetMaps.requireLong(map, LOAD), (int) index, cuts));
    }
}
