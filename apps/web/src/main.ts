import 'element-plus/dist/index.css';
import './theme.css';
import { createApp } from 'vue';
import App from './App.vue';
import { whenSignedOut } from './api/http';
import { useElementPlus } from './element-plus';
import { letKeyboardScrollTables } from './keyboard-scroll';
import { router } from './router';
import { session } from './session';

whenSignedOut(() => {
  session.forget();
  if (router.currentRoute.value.name !== 'login') void router.push({ name: 'login', query: { next: router.currentRoute.value.fullPath } });
});

const app = createApp(App).use(router);
useElementPlus(app);
app.mount('#app');
letKeyboardScrollTables(document.getElementById('app')!);
