/**
 * How many polls this process has committed, per database. Readers that keep a stored fact for a
 * moment compare this count to know a poll of their own landed meanwhile, without asking the database.
 */
const counts = new WeakMap<object, number>();

export function noteCommittedPoll(db: object): void {
  counts.set(db, committedPolls(db) + 1);
}

export function committedPolls(db: object): number {
  return counts.get(db) ?? 0;
}
