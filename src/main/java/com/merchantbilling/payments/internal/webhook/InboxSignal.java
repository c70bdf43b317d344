package com.merchantbilling.payments.internal.webhook;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.stereotype.Component;

/**
 * The in-JVM wake-up of the inbox processing: the node that stored an event processes it at once instead of at
 * its next poll. A signal only ever shortens a wait; losing one (a crash, another node's insert) costs at most
 * one poll interval, because the rows, not the signals, are what is processed.
 */
@Component
class InboxSignal {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long generation;

    void signal() {
        lock.lock();
        try {
            generation++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The generation to pass to {@link #await}: signals after this call end the wait. */
    long current() {
        lock.lock();
        try {
            return generation;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until a signal newer than {@code seen} or the timeout.
     *
     * @return whether a signal ended the wait (false: the timeout did)
     */
    boolean await(long seen, Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (generation == seen && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
            return generation != seen;
        } finally {
            lock.unlock();
        }
    }
}
