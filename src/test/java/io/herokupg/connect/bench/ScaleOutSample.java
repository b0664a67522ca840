/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The sample the synthetic connector copies: the first records of a topic, each as two lines (key, value), the
 * bytes JsonConverter wrote (one line each: JsonConverter writes no line breaks).
 */
final class ScaleOutSample {
    private ScaleOutSample() {
    }

    static void write(String bootstrapServers, String topic, int count, Path file) throws IOException {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
            new ByteArrayDeserializer()); Writer out = Files.newBufferedWriter(partial)) {
            List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            int written = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (written < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (written < count) {
                        out.write(new String(record.key(), StandardCharsets.UTF_8) + "\n");
                        out.write(new String(record.value(), StandardCharsets.UTF_8) + "\n");
                        written++;
                    }
                }
            }
            if (written == 0) {
                throw new IllegalStateException("no records in " + topic + " to sample");
            }
        }
        Files.move(partial, file);
    }
}
