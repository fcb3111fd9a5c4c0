// The default VitePress theme, with the runtime badge in the nav bar of every page and the figures' colours.
import type { Theme } from 'vitepress';
import DefaultTheme from 'vitepress/theme';
import { h } from 'vue';
import RuntimeBadge from './RuntimeBadge.vue';
import './style.css';

export default {
  extends: DefaultTheme,
  Layout: () => h(DefaultTheme.Layout, null, { 'nav-bar-content-after': () => h(RuntimeBadge) }),
} satisfies Theme;
