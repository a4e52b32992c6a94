// A bounded map, least recently used entry out first; 0 entries keeps nothing. The one LRU behind the answer cache
// (decision 303) and the rendered-page cache (decision 305).
export class LruCache<T> {
  private readonly entries = new Map<string, T>();

  constructor(readonly maxEntries: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** Whether `key` is kept, without making it recently used. */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  get(key: string): T | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: T): void {
    if (this.maxEntries <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  clear(): void {
    this.entries.clear();
  }
}
