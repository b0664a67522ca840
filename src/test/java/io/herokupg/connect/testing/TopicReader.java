/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * Reads a topic from the beginning and turns each record back into Connect data with the worker's converter
 * (JsonConverter with schemas), so tests compare typed values and schemas, not JSON text.
 */
public final class TopicReader {
    private final String bootstrapServers;

    TopicReader(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * A record as Connect data, with its headers as the worker's default header converter wrote them (a value's
     * text: {@code "c"}, {@code "12345"}), the last value of each name.
     */
    public record Decoded(String topic, SchemaAndValue key, SchemaAndValue value, long timestamp,
                          Map<String, String> headers) {
        public Struct keyStruct() {
            return (Struct) key.value();
        }

        public Struct valueStruct() {
            return (Struct) value.value();
        }

        /** The header's text, null when the record has none of that name. */
        public String header(String name) {
            return headers.get(name);
        }
    }

    /**
     * Everything in the topic once at least {@code expected} records are there and no more arrive for
     * {@code quiet} (with a zero {@code quiet}, as soon as {@code expected} are there); fails when fewer than
     * {@code expected} arrive within {@code timeout}.
     */
    public List<Decoded> readAtLeast(String topic, int expected, Duration timeout, Duration quiet) {
        List<Decoded> result = readUntil(topic, r -> r.size() >= expected, timeout, quiet);
        if (result.size() < expected) {
            throw new AssertionError("expected at least " + expected + " records in " + topic + " within " + timeout
                + ", found " + result.size());
        }
        return result;
    }

    /**
     * Everything in the topic once what was read satisfies {@code done} and no more records arrive for {@code quiet};
     * what was read by the {@code timeout} otherwise.
     */
    public List<Decoded> readUntil(String topic, Predicate<List<Decoded>> done, Duration timeout, Duration quiet) {
        JsonConverter keys = converter(true);
        JsonConverter values = converter(false);
        List<Decoded> result = new ArrayList<>();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        // Only what committed transactions wrote (exactly-once workers write in transactions; others are unaffected).
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
            Instant deadline = Instant.now().plus(timeout);
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty() && Instant.now().isBefore(deadline)) {
                partitions = consumer.partitionsFor(topic, Duration.ofMillis(500)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                if (partitions.isEmpty()) {
                    ConnectRest.sleep(200);
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant lastArrival = Instant.now();
            while (Instant.now().isBefore(deadline)) {
                int before = result.size();
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    result.add(new Decoded(r.topic(), keys.toConnectData(r.topic(), r.key()),
                        values.toConnectData(r.topic(), r.value()), r.timestamp(), headers(r.headers())));
                }
                if (result.size() > before) {
                    lastArrival = Instant.now();
                }
                if (!Instant.now().isBefore(lastArrival.plus(quiet)) && done.test(result)) {
                    return result;
                }
            }
        }
        return result;
    }

    /** The names of the topics that start with a prefix. */
    public List<String> topicsWithPrefix(String prefix) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
            return consumer.listTopics(Duration.ofSeconds(10)).keySet().stream()
                .filter(t -> t.startsWith(prefix)).sorted().toList();
        }
    }

    /** A topic's setting as the broker describes it (e.g. {@code cleanup.policy}). */
    public String topicConfig(String topic, String name) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            ConfigEntry entry = config.get(name);
            return entry == null ? null : entry.value();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not describe topic " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Map<String, String> headers(Headers headers) {
        Map<String, String> texts = new HashMap<>();
        for (Header header : headers) {
            texts.put(header.key(), header.value() == null ? null : new String(header.value(),
                StandardCharsets.UTF_8));
        }
        return texts;
    }

    private static JsonConverter converter(boolean isKey) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "true", "decimal.format", "BASE64"), isKey);
        return converter;
    }
}
