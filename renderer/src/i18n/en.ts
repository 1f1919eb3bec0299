export default {
  app: { title: 'Symetrisk Desk' },
  nav: { status: 'Status' },
  status: {
    title: 'Status',
    appVersion: 'App version',
    host: 'Running in',
    hostElectron: 'Desktop app',
    hostBrowser: 'Browser host',
    dataDir: 'Data folder',
    runtime: 'Runtime',
    startedAt: 'Started',
    loading: 'Loading…',
  },
  errors: { generic: 'Something went wrong: {message}' },
};
