import {
  ElAlert,
  ElButton,
  ElCard,
  ElCol,
  ElContainer,
  ElDatePicker,
  ElDescriptions,
  ElDialog,
  ElEmpty,
  ElForm,
  ElInput,
  ElLoading,
  ElPagination,
  ElProgress,
  ElRadio,
  ElResult,
  ElRow,
  ElSelect,
  ElSlider,
  ElStatistic,
  ElTable,
  ElTag,
  ElTimeline,
  provideGlobalConfig,
} from 'element-plus';
import zhCn from 'element-plus/es/locale/lang/zh-cn';
import type { App, Plugin } from 'vue';

/**
 * The Element Plus components the pages use, and no others: registering the whole library put all of
 * it in the entry chunk every first page waits for. Each install also registers its parts
 * (ElTable its columns, ElSelect its options, ElForm its items, ElContainer header and main, …).
 * A page that starts using another component adds it here; the browser tests open every page.
 */
const COMPONENTS: readonly Plugin[] = [
  ElAlert, ElButton, ElCard, ElCol, ElContainer, ElDatePicker, ElDescriptions, ElDialog, ElEmpty, ElForm, ElInput,
  ElPagination, ElProgress, ElRadio, ElResult, ElRow, ElSelect, ElSlider, ElStatistic, ElTable, ElTag, ElTimeline,
];

export function useElementPlus(app: App): void {
  for (const component of COMPONENTS) app.use(component);
  // v-loading.
  app.use(ElLoading);
  // Pagination, date pickers and empty tables in Chinese.
  provideGlobalConfig({ locale: zhCn }, app, true);
}
