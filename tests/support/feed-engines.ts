import type { IndexFeed, SearchEngine, SupplierDocument } from '../../search/types';

// Wrappers of a real engine for the tests of the search change sequence: a hook before its writes reach it (the
// feed's commit and the plain upsert), to slow it down, fail it, or write something meanwhile.

export type BeforeWrite = (documents: SupplierDocument[], removed: number[]) => Promise<void> | void;

export function withBeforeWrite(inner: SearchEngine, before: BeforeWrite): SearchEngine {
  const feed: IndexFeed | undefined = inner.feed && {
    consumer: () => inner.feed!.consumer(),
    position: () => inner.feed!.position(),
    reset: (seq) => inner.feed!.reset(seq),
    commit: async (at, throughSeq, documents, removedIds, options) => {
      await before(documents, removedIds);
      return inner.feed!.commit(at, throughSeq, documents, removedIds, options);
    },
  };
  return {
    name: inner.name,
    init: () => inner.init(),
    search: (query) => inner.search(query),
    upsert: async (documents) => {
      await before(documents, []);
      await inner.upsert(documents);
    },
    remove: async (ids) => {
      await before([], ids);
      await inner.remove(ids);
    },
    rebuild: (batches, onProgress) => inner.rebuild(batches, onProgress),
    documentCount: () => inner.documentCount(),
    health: () => inner.health(),
    version: () => inner.version(),
    close: () => inner.close(),
    feed,
  };
}

/** The engine refusing every document whose name matches `pattern` (a document it "cannot take"). */
export function refusing(inner: SearchEngine, pattern: RegExp): SearchEngine {
  return withBeforeWrite(inner, (documents) => {
    const refused = documents.find((d) => pattern.test(d.name));
    if (refused) throw new Error(`Document refusé : ${refused.name}`);
  });
}
