// For trying the kiosk by hand: the demo centre with its kiosk printing to a fake printer, whose output is
// shown here. Run `npm run build -w @foleni/kiosk-ui`, then `npx tsx kiosk-ui/tests/support/try-kiosk.ts`.
import { startKioskCentre } from './kiosk-centre.js';

const kc = await startKioskCentre({ port: Number(process.env.PORT ?? 0) });
kc.printer.on('job', (job) => process.stdout.write(`--- printed job ${job.index}\n${job.text}\nQR: ${job.qrCodes.join(', ')}\n`));
const kiosk = kc.centre.app.ctx.repos.devices.list().find((d) => d.kind === 'kiosk')!;
const { pairing } = await kc.centre.app.ctx.admin.newPairingLink(kiosk.id, null);
process.stdout.write(`kiosk (pairing link, once, for 15 minutes): ${pairing.url}\nprinter: ${kc.printer.url}\n`);
const stop = () => void kc.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
