import type { MessageSchema } from './index';

export default {
  app: { title: 'Symetrisk Desk' },
  nav: { status: 'Status' },
  status: {
    title: 'Status',
    appVersion: 'Appversjon',
    host: 'Kjører i',
    hostElectron: 'Skrivebordsapp',
    hostBrowser: 'Nettleservert',
    dataDir: 'Datamappe',
    runtime: 'Kjøremiljø',
    startedAt: 'Startet',
    loading: 'Laster…',
  },
  errors: { generic: 'Noe gikk galt: {message}' },
} satisfies MessageSchema;
