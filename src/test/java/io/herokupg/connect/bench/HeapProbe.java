/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Heap figures of one round: the peak of used heap (the heap just before each collection, from the collectors'
 * notifications, and samples taken between polls) and the heap retained after an explicit full collection at a
 * few points of the pass. The time spent in those explicit collections is reported so the round can leave it out
 * of its rate.
 */
final class HeapProbe implements AutoCloseable {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peak = new AtomicLong();
    private final NotificationListener listener = (notification, handback) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            long before = info.getGcInfo().getMemoryUsageBeforeGc().values().stream()
                .mapToLong(MemoryUsage::getUsed).sum();
            peak.accumulateAndGet(before, Math::max);
        }
    };
    private long retainedMax;
    private long retainedLast;
    private long explicitGcNanos;

    HeapProbe() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
            }
        }
    }

    /** Notes the heap in use now. */
    void sample() {
        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
    }

    /** A full collection, then the heap still in use: what the round holds on to at this point. */
    long retained() {
        sample();
        long started = System.nanoTime();
        System.gc();
        explicitGcNanos += System.nanoTime() - started;
        retainedLast = memory.getHeapMemoryUsage().getUsed();
        retainedMax = Math.max(retainedMax, retainedLast);
        return retainedLast;
    }

    long peak() {
        sample();
        return peak.get();
    }

    long retainedMax() {
        return retainedMax;
    }

    long explicitGcNanos() {
        return explicitGcNanos;
    }

    /** The collectors' own count and time (the explicit collections included). */
    static long[] collections() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    @Override
    public void close() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                try {
                    emitter.removeNotificationListener(listener);
                } catch (javax.management.ListenerNotFoundException ignored) {
                    // already gone
                }
            }
        }
    }
}
