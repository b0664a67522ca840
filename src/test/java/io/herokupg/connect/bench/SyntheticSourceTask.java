/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * A {@link SyntheticSourceConnector} task: emits the ids of its range, {@code synthetic.batch} records per
 * {@code poll()}, as fast as the worker takes them, then idles. The sample file holds pairs of lines, a key and a
 * value as JsonConverter (schemas enabled) wrote them for the connector's records of the benchmark table; they are
 * read back once at start into Connect schemas and Structs, and each record is a copy of one sample value (cycling
 * through them) with its id field set, keyed by a Struct of the key schema holding that id.
 */
public final class SyntheticSourceTask extends SourceTask {
    private final List<Struct> samples = new ArrayList<>();
    private org.apache.kafka.connect.data.Schema keySchema;
    private String topic;
    private int batch;
    private long next;
    private long last;
    private Map<String, ?> partition;

    @Override
    public void start(Map<String, String> props) {
        topic = props.get(SyntheticSourceConnector.TOPIC);
        batch = Integer.parseInt(props.getOrDefault(SyntheticSourceConnector.BATCH, "2000"));
        next = Long.parseLong(props.get(SyntheticSourceConnector.FIRST_ID));
        last = Long.parseLong(props.get(SyntheticSourceConnector.LAST_ID));
        partition = Map.of("first", next);
        JsonConverter keys = new JsonConverter();
        keys.configure(Map.of("schemas.enable", "true"), true);
        JsonConverter values = new JsonConverter();
        values.configure(Map.of("schemas.enable", "true"), false);
        try {
            List<String> lines = Files.readAllLines(Path.of(props.get(SyntheticSourceConnector.SAMPLE)));
            for (int i = 0; i + 1 < lines.size(); i += 2) {
                SchemaAndValue key = keys.toConnectData(topic, lines.get(i).getBytes(StandardCharsets.UTF_8));
                SchemaAndValue value = values.toConnectData(topic, lines.get(i + 1).getBytes(StandardCharsets.UTF_8));
                keySchema = key.schema();
                samples.add((Struct) value.value());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (samples.isEmpty()) {
            throw new IllegalStateException("no sample records in " + props.get(SyntheticSourceConnector.SAMPLE));
        }
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (next > last) {
            Thread.sleep(500);
            return null;
        }
        long end = Math.min(last, next + batch - 1);
        List<SourceRecord> records = new ArrayList<>((int) (end - next + 1));
        for (long id = next; id <= end; id++) {
            records.add(record(id));
        }
        next = end + 1;
        return records;
    }

    private SourceRecord record(long id) {
        Struct sample = samples.get((int) (id % samples.size()));
        Struct value = new Struct(sample.schema());
        for (Field field : sample.schema().fields()) {
            value.put(field, sample.get(field));
        }
        value.put("id", id);
        Struct key = new Struct(keySchema).put("id", id);
        return new SourceRecord(partition, Map.of("id", id), topic, null, keySchema, key, sample.schema(), value);
    }

    @Override
    public void stop() {
        // Nothing to release.
    }

    @Override
    public String version() {
        return "bench";
    }
}
