import { onBeforeUnmount, ref, type Ref } from 'vue';

/** Whether the reader asked for less motion: then a search is shown at its end, and stepped through by hand. */
export const prefersReducedMotion = () => typeof window !== 'undefined' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * A frame counter that plays from 0 to `frames − 1`, one frame every `interval` ms, or jumps to the last
 * frame under prefers-reduced-motion. `frame` may also be set by hand (a slider).
 */
export function usePlayback(interval = 320): { frame: Ref<number>; playing: Ref<boolean>; play(frames: number): void; stop(): void } {
  const frame = ref(0);
  const playing = ref(false);
  let timer: ReturnType<typeof setInterval> | undefined;
  const stop = () => {
    clearInterval(timer);
    timer = undefined;
    playing.value = false;
  };
  function play(frames: number) {
    stop();
    if (frames <= 1 || prefersReducedMotion()) {
      frame.value = Math.max(0, frames - 1);
      return;
    }
    frame.value = 0;
    playing.value = true;
    timer = setInterval(() => {
      frame.value = Math.min(frames - 1, frame.value + 1);
      if (frame.value === frames - 1) stop();
    }, interval);
  }
  onBeforeUnmount(stop);
  return { frame, playing, play, stop };
}

/**
 * The steps of a search worth drawing: 0, 1, 2, 4, 8, … and the last. A descent moves most in its first
 * steps and creeps at the end, so doubling shows both in a dozen frames, and every method's frame k is
 * the same step (until it has ended).
 */
export function stepsToShow(iterations: number): number[] {
  const steps = [0];
  for (let step = 1; step < iterations; step *= 2) steps.push(step);
  if (iterations > 0) steps.push(iterations);
  return steps;
}
