// The mode of every file Skein creates that holds hosts or sealed secrets: the owner's alone.
export const PRIVATE_FILE_MODE = 0o600;
