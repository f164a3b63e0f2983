import ElementPlus from 'element-plus';
import zhCn from 'element-plus/es/locale/lang/zh-cn';
import 'element-plus/dist/index.css';
import './theme.css';
import { createApp } from 'vue';
import App from './App.vue';
import { whenSignedOut } from './api/http';
import { letKeyboardScrollTables } from './keyboard-scroll';
import { router } from './router';
import { session } from './session';

whenSignedOut(() => {
  session.forget();
  if (router.currentRoute.value.name !== 'login') void router.push({ name: 'login', query: { next: router.currentRoute.value.fullPath } });
});

createApp(App).use(router).use(ElementPlus, { locale: zhCn }).mount('#app');
letKeyboardScrollTables(document.getElementById('app')!);
