/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.json.JsonConverter;

import io.herokupg.connect.testing.ConnectFixture;
import io.herokupg.connect.testing.TopicReader.Decoded;

/**
 * A read_committed consumer of a whole topic that keeps only what a test needs of each record (a split load's
 * hundreds of thousands of records, decoded as the worker's JsonConverter wrote them, would not fit the test JVM's
 * heap next to the cluster), and the count of records committed so far.
 */
final class SplitTopic {
    private SplitTopic() {
    }

    /**
     * Every record of the topic, as {@code map} makes it, once what was read satisfies {@code done} and nothing more
     * arrived for {@code quiet}; what was read by the {@code timeout} otherwise. Headers are not kept.
     */
    static <T> List<T> read(ConnectFixture connect, String topic, Function<Decoded, T> map,
                            Predicate<List<T>> done, Duration timeout, Duration quiet) {
        JsonConverter keys = converter(true);
        JsonConverter values = converter(false);
        List<T> result = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(connect)) {
            Instant deadline = Instant.now().plus(timeout);
            List<TopicPartition> partitions = partitions(consumer, topic, deadline);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant lastArrival = Instant.now();
            while (Instant.now().isBefore(deadline)) {
                int before = result.size();
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    result.add(map.apply(new Decoded(r.topic(), keys.toConnectData(r.topic(), r.key()),
                        values.toConnectData(r.topic(), r.value()), r.timestamp(), Map.of())));
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

    /**
     * How far the topic's committed records reach (the sum of its partitions' last stable offsets; with exactly-once
     * workers it counts transaction markers too): 0 before the topic exists.
     */
    static long committedEnd(ConnectFixture connect, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(connect)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return consumer.endOffsets(partitions, Duration.ofSeconds(10)).values().stream()
                .mapToLong(Long::longValue).sum();
        }
    }

    /** Waits until the topic's committed records reach {@code count}; fails after the timeout. */
    static void awaitCommitted(ConnectFixture connect, String topic, long count, Duration timeout)
        throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        long reached = 0;
        while (Instant.now().isBefore(deadline)) {
            reached = committedEnd(connect, topic);
            if (reached >= count) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the topic " + topic + " reached only " + reached + " committed records of the "
            + count + " awaited within " + timeout);
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic,
                                                   Instant deadline) {
        List<TopicPartition> partitions = List.of();
        while (partitions.isEmpty() && Instant.now().isBefore(deadline)) {
            partitions = consumer.partitionsFor(topic, Duration.ofMillis(500)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                sleep();
            }
        }
        return partitions;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(ConnectFixture connect) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, connect.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static JsonConverter converter(boolean isKey) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "true", "decimal.format", "BASE64"), isKey);
        return converter;
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
