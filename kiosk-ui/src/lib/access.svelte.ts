// The citizen's choices for an easier kiosk: read aloud, large text. They belong to one visit: the next
// citizen starts without them.
class Access {
  readAloud = $state(false);
  largeText = $state(false);

  reset(): void {
    this.readAloud = false;
    this.largeText = false;
  }
}

export const access = new Access();
