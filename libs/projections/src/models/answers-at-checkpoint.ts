import type { ReadStore } from '../read-store.port';

/**
 * Answers a reader keeps until its projection's checkpoint moves: for questions many requests ask of
 * a whole model (every open inbox asks for all reminders due today; every case-list page of a filter
 * counts the same matches). The checkpoint is read before the answer is computed, so a kept answer is
 * never older than the checkpoint it is kept for; concurrent askers share one computation.
 */
export class AnswersAtCheckpoint<V> {
  private at: string | null = null;
  private readonly answers = new Map<string, Promise<V>>();

  constructor(
    private readonly store: ReadStore,
    private readonly projection: string,
    private readonly capacity = 256,
  ) {}

  async get(question: string, compute: () => Promise<V>): Promise<V> {
    const checkpoint = await this.store.checkpoint(this.projection);
    const at = `${checkpoint?.generation ?? 0}:${checkpoint?.position ?? 0}`;
    if (at !== this.at) {
      this.at = at;
      this.answers.clear();
    }
    const kept = this.answers.get(question);
    if (kept) return kept;
    const answer = compute();
    this.answers.set(question, answer);
    // A failed computation is asked again next time, not kept.
    answer.catch(() => this.answers.get(question) === answer && this.answers.delete(question));
    if (this.answers.size > this.capacity) this.answers.delete(this.answers.keys().next().value!);
    return answer;
  }
}
