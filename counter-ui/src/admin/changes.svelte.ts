// A count of saved changes, so that what summarises the settings (the setup guide) looks again.
class Changes {
  version = $state(0);
  saved(): void {
    this.version++;
  }
}

export const changes = new Changes();
