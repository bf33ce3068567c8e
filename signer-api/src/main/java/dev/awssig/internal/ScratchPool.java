package dev.awssig.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A small bounded pool of per-call working state, for callers on virtual threads. A signer keeps
 * its working state (buffers, a digest, header arrays) in a thread-local on a platform thread,
 * where threads are few and long-lived; a virtual thread usually makes one call and ends, so a
 * thread-local would build the state again for every thread and keep it as long as the thread
 * lives. On a virtual thread the state is borrowed from this pool instead and given back at the
 * end of the call (after the caller cleared what must not outlive the call), so what is retained
 * is at most the pool's size, about the number of carrier threads, however many virtual threads
 * there are. Internal: exported only to the sibling modules.
 *
 * <p>The library targets Java 17, which has no virtual threads: {@link #currentThreadIsVirtual()}
 * calls {@code Thread.isVirtual()} through a method handle looked up once, and answers false when
 * the method does not exist.
 *
 * @param <T> the pooled state
 */
public final class ScratchPool<T> {
    private static final MethodHandle IS_VIRTUAL = isVirtualHandle();

    private final AtomicReferenceArray<T> slots;

    /**
     * A pool that keeps at most {@code size} idle objects.
     *
     * @param size the number of slots, at least 1
     * @throws IllegalArgumentException if {@code size} is below 1
     */
    public ScratchPool(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size: must be >= 1, was " + size);
        }
        this.slots = new AtomicReferenceArray<>(size);
    }

    /**
     * A pool sized for the virtual-thread scheduler: twice the number of processors (the default
     * number of carrier threads), at least 4 and at most 64.
     *
     * @param <T> the pooled state
     * @return a new pool
     */
    public static <T> ScratchPool<T> forCarriers() {
        return new ScratchPool<>(Math.max(4, Math.min(64, 2 * Runtime.getRuntime().availableProcessors())));
    }

    /**
     * Whether the current thread is a virtual thread (always false before Java 21).
     *
     * @return whether the current thread is virtual
     */
    public static boolean currentThreadIsVirtual() {
        MethodHandle h = IS_VIRTUAL;
        if (h == null) {
            return false;
        }
        try {
            return (boolean) h.invokeExact(Thread.currentThread());
        } catch (Throwable t) { // isVirtual() throws nothing; a failure means "not virtual"
            return false;
        }
    }

    /**
     * Takes an idle object out of the pool.
     *
     * @return the object, or null when the pool is empty
     */
    public T take() {
        AtomicReferenceArray<T> a = slots;
        for (int i = 0, n = a.length(); i < n; i++) {
            T t = a.get(i);
            if (t != null && a.compareAndSet(i, t, null)) {
                return t;
            }
        }
        return null;
    }

    /**
     * Gives an object back to the pool; it is dropped (left to the garbage collector) when the
     * pool is full.
     *
     * @param t the object, cleared of everything that must not outlive its call
     */
    public void give(T t) {
        AtomicReferenceArray<T> a = slots;
        for (int i = 0, n = a.length(); i < n; i++) {
            if (a.get(i) == null && a.compareAndSet(i, null, t)) {
                return;
            }
        }
    }

    /**
     * The number of idle objects in the pool (a snapshot).
     *
     * @return the number of idle objects
     */
    public int idle() {
        int count = 0;
        for (int i = 0, n = slots.length(); i < n; i++) {
            if (slots.get(i) != null) {
                count++;
            }
        }
        return count;
    }

    /**
     * The maximum number of idle objects.
     *
     * @return the size
     */
    public int size() {
        return slots.length();
    }

    private static MethodHandle isVirtualHandle() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual",
                    MethodType.methodType(boolean.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null; // Java 17 and 18: no virtual threads
        }
    }
}
