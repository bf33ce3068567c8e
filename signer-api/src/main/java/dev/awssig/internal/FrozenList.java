package dev.awssig.internal;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * An unmodifiable list view of an array the creator no longer changes: one small object, no
 * copy. Internal: exported only to the sibling modules of this project.
 *
 * @param <E> the element type
 * @since 0.1.0
 */
public final class FrozenList<E> extends AbstractList<E> implements RandomAccess {
    private final E[] items;

    /**
     * A list of the elements of an array, which must not change afterwards and hold no null.
     *
     * @param items the elements
     * @since 0.1.0
     */
    public FrozenList(E[] items) {
        this.items = items;
    }

    /**
     * The element at an index.
     *
     * @param index the index
     * @return the element
     * @since 0.1.0
     */
    @Override
    public E get(int index) {
        return items[index];
    }

    /**
     * The number of elements.
     *
     * @return the size
     * @since 0.1.0
     */
    @Override
    public int size() {
        return items.length;
    }
}
