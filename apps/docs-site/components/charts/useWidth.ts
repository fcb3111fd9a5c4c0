import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

/** The content width of an element in CSS pixels, kept up to date, so that a figure draws at its real size. */
export function useWidth(element: Ref<HTMLElement | null | undefined>, initial = 640): Ref<number> {
  const width = ref(initial);
  let observer: ResizeObserver | undefined;
  onMounted(() => {
    if (!element.value) return;
    width.value = element.value.clientWidth || initial;
    observer = new ResizeObserver(([entry]) => {
      width.value = Math.round(entry.contentRect.width) || initial;
    });
    observer.observe(element.value);
  });
  onBeforeUnmount(() => observer?.disconnect());
  return width;
}
