import { App } from 'aws-cdk-lib';
import { configureApp } from '../lib/billing-app.js';

/** `npx cdk synth` / `npx cdk deploy`; the settings it reads are listed in lib/billing-app.ts. */
configureApp(new App());
