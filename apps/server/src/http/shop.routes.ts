import { shopSettingsSchema } from '@spaflow/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../config.js';

/** The shop's name, address, currency, locale and business time zone, for every screen. */
export function shopRoutes(config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/',
      {
        config: { access: 'public' },
        schema: {
          tags: ['shop'],
          summary: 'Shop name and address, currency, locale and business time zone',
          response: { 200: shopSettingsSchema },
        },
      },
      async () => ({
        name: config.shopName,
        address: config.shopAddress,
        currency: config.currency,
        locale: config.locale,
        timeZone: config.businessTimeZone,
      }),
    );
  };
}
