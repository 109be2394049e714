package io.tributary.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.NavigableSet;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.Spliterators;
import java.util.Spliterator;

/**
 * Deterministic, seeded rows for the sandbox: row {@code i} of an object is a pure function of (seed, object, i), so
 * millions of rows cost no memory. Only mutated rows (touched, deleted, added) are stored.
 *
 * <p>A generated row's modification stamp is {@code epoch + (i / rowsPerTick) * tick}: several rows share each stamp
 * on purpose, so readers must tie-break on the id. Ids grow with the index, so key order is index order for generated
 * rows. Tests use {@link #rows} (every row in key order) or {@link #row} as ground truth, and {@link #touch},
 * {@link #delete} and {@link #add} between runs. Thread-safe: the server reads while a test mutates between runs.
 */
public final class SandboxDataset {

  public static final Instant DEFAULT_EPOCH = Instant.parse("2024-01-01T00:00:00Z");

  private final long seed;
  private final Instant epoch;
  private final Duration tick;
  private final int rowsPerTick;
  private final Map<String, ObjectRows> objects = new ConcurrentHashMap<>();

  public SandboxDataset(long seed) {
    this(seed, DEFAULT_EPOCH, Duration.ofSeconds(1), 7);
  }

  /**
   * @param seed the seed every generated value derives from
   * @param epoch the modification stamp of row 0
   * @param tick the gap between successive base stamps (whole seconds keep vendor literals exact)
   * @param rowsPerTick how many consecutive rows share one base stamp
   */
  public SandboxDataset(long seed, Instant epoch, Duration tick, int rowsPerTick) {
    if (rowsPerTick < 1) {
      throw new IllegalArgumentException("rowsPerTick must be >= 1");
    }
    this.seed = seed;
    this.epoch = epoch;
    this.tick = tick;
    this.rowsPerTick = rowsPerTick;
  }

  /** Declares an object with {@code rows} generated rows. Called by platforms when the server starts. */
  public void define(String object, long rows) {
    objects.put(object, new ObjectRows(object, rows));
  }

  public long seed() {
    return seed;
  }

  public boolean defines(String object) {
    return objects.containsKey(object);
  }

  /** Rows generated at start (fixed for the server's life; references between objects use it). */
  public long baseSize(String object) {
    return rows(object, true).baseCount;
  }

  /** All rows, including added and deleted ones. */
  public long size(String object) {
    ObjectRows o = rows(object, true);
    return o.baseCount + o.added;
  }

  /** The base modification stamp of generated row {@code index}. */
  public Instant baseModstamp(long index) {
    return epoch.plus(tick.multipliedBy(index / rowsPerTick));
  }

  /** The current state of row {@code index}. */
  public RowState row(String object, long index) {
    ObjectRows o = rows(object, true);
    if (index < 0 || index >= o.baseCount + o.added) {
      throw new IndexOutOfBoundsException(object + " has no row " + index);
    }
    RowState changed = o.changed.get(index);
    return changed != null ? changed : baseRow(object, index);
  }

  /** A random source that depends only on (seed, object, index, version): regenerating a row gives the same values. */
  public SplittableRandom random(String object, long index, int version) {
    long h = seed * 0x9E3779B97F4A7C15L;
    h = mix(h ^ object.hashCode());
    h = mix(h ^ index);
    h = mix(h ^ version);
    return new SplittableRandom(h);
  }

  /** Every row, deleted ones included, in key order: the ground truth of a full read. */
  public Stream<RowState> rows(String object) {
    return stream(scan(object, null, null, true));
  }

  /**
   * Rows with {@code after < key < before} in key order. A null bound is open. Changes made while iterating may or may
   * not be seen.
   */
  public Iterator<RowState> scan(String object, RowKey after, RowKey before, boolean includeDeleted) {
    ObjectRows o = rows(object, true);
    long lo = after == null ? 0 : firstBaseAbove(o.baseCount, after);
    long hi = before == null ? o.baseCount : firstBaseAtOrAbove(o.baseCount, before);
    Iterator<RowState> base = new BaseIterator(object, o, lo, Math.max(lo, hi));
    Iterator<RowState> changed =
        o.changedKeys(after, before).stream()
            .map(k -> o.changed.get(k.index()))
            .filter(s -> s != null && (includeDeleted || !s.deleted()))
            .iterator();
    return new MergingIterator(base, changed);
  }

  /** The number of rows {@link #scan} would return, without generating them. */
  public long count(String object, RowKey after, RowKey before, boolean includeDeleted) {
    ObjectRows o = rows(object, true);
    long lo = after == null ? 0 : firstBaseAbove(o.baseCount, after);
    long hi = Math.max(lo, before == null ? o.baseCount : firstBaseAtOrAbove(o.baseCount, before));
    long n = hi - lo;
    for (Long i : o.changed.keySet()) {
      if (i >= lo && i < hi) {
        n--;
      }
    }
    for (RowKey k : o.changedKeys(after, before)) {
      RowState s = o.changed.get(k.index());
      if (s != null && (includeDeleted || !s.deleted())) {
        n++;
      }
    }
    return n;
  }

  /** Marks rows {@code from..to} (inclusive) as modified at {@code at}. */
  public void touch(String object, long from, long to, Instant at) {
    mutate(object, from, to, at, false);
  }

  /** Deletes rows {@code from..to} (inclusive) at {@code at}; they stay visible to "include deleted" reads. */
  public void delete(String object, long from, long to, Instant at) {
    mutate(object, from, to, at, true);
  }

  /** Appends {@code n} rows created and modified at {@code at}; returns the index of the first new row. */
  public long add(String object, long n, Instant at) {
    ObjectRows o = rows(object, true);
    synchronized (o) {
      long first = o.baseCount + o.added;
      for (long i = first; i < first + n; i++) {
        o.put(new RowState(object, i, at, at, 0, false));
      }
      o.added += n;
      return first;
    }
  }

  private void mutate(String object, long from, long to, Instant at, boolean delete) {
    ObjectRows o = rows(object, true);
    synchronized (o) {
      if (from < 0 || to < from || to >= o.baseCount + o.added) {
        throw new IndexOutOfBoundsException(object + " rows " + from + ".." + to + " out of range");
      }
      for (long i = from; i <= to; i++) {
        o.put(row(object, i).changed(at, delete));
      }
    }
  }

  private RowState baseRow(String object, long index) {
    Instant modified = baseModstamp(index);
    long hoursBefore = 1 + Math.floorMod(mix(seed ^ index), 24L * 60);
    return new RowState(object, index, modified.minus(Duration.ofHours(hoursBefore)), modified, 0, false);
  }

  private long firstBaseAbove(long count, RowKey bound) {
    long lo = 0;
    long hi = count;
    while (lo < hi) {
      long mid = (lo + hi) >>> 1;
      if (new RowKey(baseModstamp(mid), mid).compareTo(bound) > 0) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  private long firstBaseAtOrAbove(long count, RowKey bound) {
    long lo = 0;
    long hi = count;
    while (lo < hi) {
      long mid = (lo + hi) >>> 1;
      if (new RowKey(baseModstamp(mid), mid).compareTo(bound) >= 0) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  private ObjectRows rows(String object, boolean required) {
    ObjectRows o = objects.get(object);
    if (o == null && required) {
      throw new IllegalArgumentException("sandbox dataset has no object " + object + "; known: " + objects.keySet());
    }
    return o;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static <T> Stream<T> stream(Iterator<T> it) {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false);
  }

  /** Rows of one object that differ from their generated state. */
  private static final class ObjectRows {
    final String object;
    final long baseCount;
    volatile long added;
    final Map<Long, RowState> changed = new ConcurrentHashMap<>();
    final ConcurrentSkipListSet<RowKey> keys = new ConcurrentSkipListSet<>();

    ObjectRows(String object, long baseCount) {
      this.object = object;
      this.baseCount = baseCount;
    }

    void put(RowState s) {
      RowState old = changed.put(s.index(), s);
      keys.add(s.key());
      if (old != null && !old.key().equals(s.key())) {
        keys.remove(old.key());
      }
    }

    NavigableSet<RowKey> changedKeys(RowKey after, RowKey before) {
      if (after == null && before == null) {
        return keys;
      }
      if (after == null) {
        return keys.headSet(before, false);
      }
      if (before == null) {
        return keys.tailSet(after, false);
      }
      if (after.compareTo(before) >= 0) {
        return new ConcurrentSkipListSet<>();
      }
      return keys.subSet(after, false, before, false);
    }
  }

  /** Generated rows in [lo, hi) that were not changed since. */
  private final class BaseIterator implements Iterator<RowState> {
    private final String object;
    private final ObjectRows rows;
    private final long hi;
    private long next;

    BaseIterator(String object, ObjectRows rows, long lo, long hi) {
      this.object = object;
      this.rows = rows;
      this.hi = hi;
      this.next = lo;
      skipChanged();
    }

    private void skipChanged() {
      while (next < hi && rows.changed.containsKey(next)) {
        next++;
      }
    }

    @Override
    public boolean hasNext() {
      return next < hi;
    }

    @Override
    public RowState next() {
      if (next >= hi) {
        throw new NoSuchElementException();
      }
      RowState s = baseRow(object, next++);
      skipChanged();
      return s;
    }
  }

  /** Merges two iterators that are each in key order. */
  private static final class MergingIterator implements Iterator<RowState> {
    private final Iterator<RowState> a;
    private final Iterator<RowState> b;
    private RowState headA;
    private RowState headB;

    MergingIterator(Iterator<RowState> a, Iterator<RowState> b) {
      this.a = a;
      this.b = b;
      headA = a.hasNext() ? a.next() : null;
      headB = b.hasNext() ? b.next() : null;
    }

    @Override
    public boolean hasNext() {
      return headA != null || headB != null;
    }

    @Override
    public RowState next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      RowState out;
      if (headB == null || (headA != null && headA.key().compareTo(headB.key()) < 0)) {
        out = headA;
        headA = a.hasNext() ? a.next() : null;
      } else {
        out = headB;
        headB = b.hasNext() ? b.next() : null;
      }
      return out;
    }
  }
}
