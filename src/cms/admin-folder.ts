/** The folder, under the base path, that holds the CMS admin: `/admin/`. */
export const ADMIN_FOLDER = 'admin';
