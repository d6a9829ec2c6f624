// For trying the kiosk by hand: the demo centre with its kiosk printing to a fake printer, whose output is
// shown here. Run `npm run build -w @foleni/kiosk-ui`, then `npx tsx kiosk-ui/tests/support/try-kiosk.ts`.
import { startKioskCentre } from './kiosk-centre.js';

const kc = await startKioskCentre({ port: Number(process.env.PORT ?? 0) });
kc.printer.on('job', (job) => process.stdout.write(`--- printed job ${job.index}\n${job.text}\nQR: ${job.qrCodes.join(', ')}\n`));
process.stdout.write(`kiosk: ${kc.centre.url}/kiosk?pair=${kc.centre.kioskToken}\nprinter: ${kc.printer.url}\n`);
const stop = () => void kc.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
