/** The part of an option the candidate's screen needs (never whether it is correct). */
export interface DeliveredOption {
  id: string;
  html: string;
  /** Stays in its authored place when options are shuffled (e.g. "All of the above"). */
  fixed?: boolean;
}

/** The options in the order given by `order` (option ids); options it leaves out follow in authored order. */
export function orderOptions<T extends { id: string }>(options: readonly T[], order?: readonly string[]): T[] {
  if (!order || order.length === 0) return [...options];
  const byId = new Map(options.map((option) => [option.id, option]));
  const ordered = order.flatMap((id) => {
    const option = byId.get(id);
    byId.delete(id);
    return option ? [option] : [];
  });
  return [...ordered, ...byId.values()];
}

/** A shuffled order of option ids that keeps `fixed` options in their authored places, as the assembler does.
 * `random` returns a number in [0, 1) (pass Math.random for a preview). */
export function shuffledOrder(options: readonly DeliveredOption[], random: () => number): string[] {
  const movable = options.filter((option) => !option.fixed).map((option) => option.id);
  for (let i = movable.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [movable[i], movable[j]] = [movable[j]!, movable[i]!];
  }
  let next = 0;
  return options.map((option) => (option.fixed ? option.id : movable[next++]!));
}

/** "A", "B", … for the option at `index` on screen. */
export function optionLetter(index: number): string {
  return String.fromCharCode(65 + index);
}
