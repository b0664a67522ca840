/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A consumer that reads a topic from its beginning on a thread of its own, as an application would, and notes each
 * record's id (read from its key, which JsonConverter wrote as {@code {"schema":…,"payload":{"id":N}}}): how many
 * records and distinct ids came, when the first and last came and, when asked, when each id first came.
 */
final class TopicWatcher implements AutoCloseable {
    private final String bootstrapServers;
    private final String topic;
    private final boolean timeEach;
    private final BitSet ids = new BitSet();
    private final Map<Long, Long> arrivals = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private long records;
    private long distinct;
    private long firstNanos = -1;
    private long lastNanos = -1;
    private RuntimeException failure;

    /** Starts reading; with {@code timeEach}, notes the arrival (System.nanoTime()) of every id. */
    TopicWatcher(String bootstrapServers, String topic, boolean timeEach) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.timeEach = timeEach;
        thread = new Thread(this::consume, "bench-consumer-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void consume() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = List.of();
            while (running && partitions.isEmpty()) {
                partitions = consumer.partitionsFor(topic, Duration.ofMillis(500)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                var batch = consumer.poll(Duration.ofMillis(100));
                if (!batch.isEmpty()) {
                    note(batch, System.nanoTime());
                }
            }
        } catch (RuntimeException e) {
            synchronized (this) {
                failure = e;
            }
        }
    }

    private synchronized void note(Iterable<ConsumerRecord<byte[], byte[]>> batch, long now) {
        for (ConsumerRecord<byte[], byte[]> record : batch) {
            long id = keyId(record.key());
            records++;
            if (!ids.get(Math.toIntExact(id))) {
                ids.set(Math.toIntExact(id));
                distinct++;
                if (timeEach) {
                    arrivals.put(id, now);
                }
            }
        }
        firstNanos = firstNanos < 0 ? now : firstNanos;
        lastNanos = now;
    }

    /** The id of a JsonConverter key with schema whose payload is a struct holding one integer field. */
    static long keyId(byte[] key) {
        String json = new String(key, StandardCharsets.UTF_8);
        int end = json.length();
        while (end > 0 && json.charAt(end - 1) == '}') {
            end--;
        }
        int start = json.lastIndexOf(':', end) + 1;
        return Long.parseLong(json.substring(start, end).trim());
    }

    /** Waits until {@code count} distinct ids came; false after the timeout. */
    boolean awaitDistinct(long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (this) {
                if (failure != null) {
                    throw failure;
                }
                if (distinct >= count) {
                    return true;
                }
            }
            Thread.sleep(20);
        }
        return false;
    }

    synchronized long records() {
        return records;
    }

    synchronized long distinct() {
        return distinct;
    }

    synchronized long duplicates() {
        return records - distinct;
    }

    /** When the first record came (System.nanoTime()), -1 before. */
    synchronized long firstNanos() {
        return firstNanos;
    }

    /** When the last record came so far (System.nanoTime()), -1 before any. */
    synchronized long lastNanos() {
        return lastNanos;
    }

    /** When each id first came (with {@code timeEach}). */
    synchronized Map<Long, Long> arrivals() {
        return new HashMap<>(arrivals);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
