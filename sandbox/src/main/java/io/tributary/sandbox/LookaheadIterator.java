package io.tributary.sandbox;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An iterator that finds each element one step ahead, for the collections that skip rows (deleted ones, ones a filter
 * leaves out) while they page. A subclass says what comes next; the first look happens on the first call, after the
 * subclass's own fields are set.
 *
 * @param <T> the element type; null is the end, so never an element
 */
public abstract class LookaheadIterator<T> implements Iterator<T> {

  private T next;
  private boolean looked;

  /** The next element, or null when there is none. */
  protected abstract T advance();

  @Override
  public final boolean hasNext() {
    if (!looked) {
      next = advance();
      looked = true;
    }
    return next != null;
  }

  @Override
  public final T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    T out = next;
    looked = false;
    return out;
  }
}
